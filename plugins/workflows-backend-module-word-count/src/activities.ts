// Activities: ordinary Node code, run by the console's worker.
export function createWordCountActivities() {
  return {
    async countWords(input: { text: string }): Promise<number> {
      return input.text.split(/\s+/).filter(Boolean).length;
    },
  };
}

export type WordCountActivities = ReturnType<typeof createWordCountActivities>;
