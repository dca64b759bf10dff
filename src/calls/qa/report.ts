import type { QaReport } from './run.ts';

/** The QA report for people: one block per sample call, a mark per check, the failures explained. */
export function formatQaReport(report: QaReport): string {
  const lines = [`Call QA for ${report.business}: ${report.passed ? 'PASS' : 'FAIL'}`, ''];
  for (const call of report.calls) {
    lines.push(`${call.passed ? 'PASS' : 'FAIL'}  ${call.id}: ${call.purpose} -> ${call.disposition}`);
    for (const check of call.checks) {
      lines.push(`   ${check.passed ? 'ok  ' : 'FAIL'} ${check.check}${check.passed ? '' : ` (${check.detail ?? ''})`}`);
    }
  }
  for (const note of report.skipped) lines.push(`SKIP  ${note}`);
  const { calls, checks, failed } = report.totals;
  lines.push('', `${calls} calls, ${checks} checks, ${failed} failed.${report.passed ? '' : ' Fix the failures before going live.'}`);
  return `${lines.join('\n')}\n`;
}
