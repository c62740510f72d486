// A node:test reporter that counts finished tests (not suites) and writes the totals as JSON, so
// that scripts/run-tests.js can print the one closing line CI reads.
export default async function* countReporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.data.skip || event.data.todo) counts.skipped += 1;
    else if (event.type === 'test:pass') counts.passed += 1;
    else {
      counts.failed += 1;
      counts.failures.push(`${event.data.file ?? ''} › ${event.data.name}`);
    }
  }
  yield JSON.stringify(counts);
}
