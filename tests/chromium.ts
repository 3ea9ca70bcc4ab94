// Debian's Chromium for every Playwright config of the repository (the
// console's e2e, the stock app, the production topology): Playwright's own
// browser download cannot work here, and without the background-networking
// flags Chromium's calls home are refused by the closed network.
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
