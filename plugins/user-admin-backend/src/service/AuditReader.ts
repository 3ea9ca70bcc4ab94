import { auditReadPermission } from '@ai-ops-console/backstage-plugin-user-admin-common';
import { AuditQuery, AuditStore } from '../database/UserAdminStore';
import { Caller, Guard } from './Guard';

/** Reads the audit log for those allowed to (AuditLog writes it). */
export class AuditReader {
  constructor(private readonly deps: { store: AuditStore; guard: Guard }) {}

  async list(caller: Caller, query: AuditQuery) {
    await this.deps.guard.require(caller.credentials, auditReadPermission);
    return this.deps.store.listAudit(query);
  }
}
