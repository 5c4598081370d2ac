/** Local records of what the console changed: the audit log and delete backups. */
export { stateDir, auditLogPath, backupDir } from './paths.js';
export { openAuditLog, auditWho, type AuditLog, type AuditEntry, type AuditWho } from './auditLog.js';
export { writeDeleteBackup } from './backup.js';
