// The one-screen summary of an import, as the CLI prints it and the GraphQL mutation returns it.
import type { ImportSummary } from './import.service.js';

const SHOWN = 10;

export function summaryLines(summary: ImportSummary, rejectsPath?: string): string[] {
  const lines = [
    `Imported ${summary.fileName} into ${summary.layer} (run ${summary.runId}, source "${summary.source}")`,
    `  format ${summary.format}${summary.encoding ? `, text ${summary.encoding}` : ''}, coordinates ${summary.crs}`,
    `  ${summary.rowsRead} read · ${summary.rowsWritten} written · ${summary.rowsUnchanged} unchanged · ${summary.rowsRepaired} repaired · ${summary.rowsRefused} refused · ${summary.rowsRemoved} removed`,
  ];
  for (const note of summary.notes) lines.push(`  note: ${note}`);
  for (const warning of summary.warnings) lines.push(`  warning: ${warning}`);
  if (summary.repairs.length) {
    lines.push('  repaired:');
    for (const repair of summary.repairs.slice(0, SHOWN)) lines.push(`    row ${repair.row}: ${repair.message}`);
    if (summary.repairs.length > SHOWN) lines.push(`    … and ${summary.repairs.length - SHOWN} more`);
  }
  if (summary.rejected.length) {
    lines.push('  refused (not written):');
    for (const rejected of summary.rejected.slice(0, SHOWN)) {
      lines.push(`    row ${rejected.row}: ${rejected.problems.map((p) => `${p.field ? `${p.field}: ` : ''}${p.message}`).join('; ')}`);
    }
    if (summary.rejected.length > SHOWN) lines.push(`    … and ${summary.rejected.length - SHOWN} more`);
    if (rejectsPath) lines.push(`  the refused rows and their reasons are in ${rejectsPath}: fix them there and import that file`);
  }
  return lines;
}
