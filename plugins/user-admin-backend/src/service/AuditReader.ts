import { auditReadPermission } from '@ai-ops-console/backstage-plugin-user-admin-common';
import { AuditQuery, AuditStore } from '../database/UserAdminStore';
import { PermissionGate } from '@ai-ops-console/console-node';
import { Caller } from './callers';

/** Reads the audit log for those allowed to (auditStoreRecorder writes it). */
export class AuditReader {
  constructor(
    private readonly deps: { store: AuditStore; gate: PermissionGate },
  ) {}

  async list(caller: Caller, query: AuditQuery) {
    await this.deps.gate.require(caller.credentials, auditReadPermission);
    return this.deps.store.listAudit(query);
  }
}
