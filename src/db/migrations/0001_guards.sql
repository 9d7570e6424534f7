-- The audit log is append-only. ENABLE ALWAYS so the triggers fire even under session_replication_role = replica.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_update_delete;
--> statement-breakpoint
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_truncate;
--> statement-breakpoint
ALTER TABLE audit_log ADD CONSTRAINT audit_log_result_check CHECK (result IN ('success', 'failure'));
--> statement-breakpoint
ALTER TABLE units ADD CONSTRAINT units_kind_check CHECK (kind IN ('city_dept', 'town', 'village', 'vertical', 'group_office'));
--> statement-breakpoint
ALTER TABLE account_roles ADD CONSTRAINT account_roles_role_check CHECK (role IN ('sysadmin', 'secadmin', 'auditadmin', 'office', 'assessment', 'leader', 'discipline', 'unit_head', 'unit_liaison', 'cadre'));
--> statement-breakpoint
-- 三员分立: the audit admin role never shares an account with the system or security admin role.
CREATE FUNCTION account_roles_separation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM account_roles r
    WHERE r.account_id = NEW.account_id
      AND ((NEW.role = 'auditadmin' AND r.role IN ('sysadmin', 'secadmin'))
        OR (NEW.role IN ('sysadmin', 'secadmin') AND r.role = 'auditadmin'))
  ) THEN
    RAISE EXCEPTION 'audit admin cannot also be system or security admin' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER account_roles_separation BEFORE INSERT OR UPDATE ON account_roles
  FOR EACH ROW EXECUTE FUNCTION account_roles_separation();
--> statement-breakpoint
ALTER TABLE security_policy ADD CONSTRAINT security_policy_single_row CHECK (id = 1);
--> statement-breakpoint
INSERT INTO security_policy (id, min_length, rotation_days, max_failed_logins, lock_minutes, idle_minutes, absolute_hours, version, updated_at)
VALUES (1, 8, 90, 5, 30, 30, 12, 1, '2026-01-01T00:00:00Z');
