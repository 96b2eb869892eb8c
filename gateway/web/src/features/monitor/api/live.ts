import type { CheckSnapshot, CheckStatus, StatusChange, StatusReport } from "./schemas";

/** The overall status as the monitor computes it: down if any check is down, else pending if any is, else up. */
export function overallStatus(statuses: CheckStatus[]): CheckStatus {
  if (statuses.includes("down")) {
    return "down";
  }
  return statuses.includes("pending") ? "pending" : "up";
}

function withChecks(report: StatusReport, checks: StatusReport["checks"]): StatusReport {
  return { ...report, checks, status: overallStatus(checks.map((c) => c.check.status)) };
}

/** A `status` event: the check as it stands now (a check the report did not have yet is added). */
export function applySnapshot(report: StatusReport, snapshot: CheckSnapshot): StatusReport {
  const known = report.checks.some((c) => c.check.id === snapshot.id);
  const checks = known
    ? report.checks.map((c) => (c.check.id === snapshot.id ? { ...c, check: snapshot } : c))
    : [...report.checks, { check: snapshot, uptime: { day: null, week: null, month: null, year: null } }];
  return withChecks(report, checks);
}

/** A `change` event: the check's new status, since when, and why. */
export function applyChange(report: StatusReport, change: StatusChange): StatusReport {
  const checks = report.checks.map((c) =>
    c.check.id === change.checkId
      ? { ...c, check: { ...c.check, status: change.to, since: change.at, message: change.message, flapping: change.flapping } }
      : c,
  );
  return withChecks(report, checks);
}
