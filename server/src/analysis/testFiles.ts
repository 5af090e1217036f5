// Test code and test data (fixture folders) bill organizations as test input (`bill_to="some-org"` to check the header is sent), which says
// nothing about whether the project itself bills one: bill-to evidence from test files does not make an
// organization context (for the test file itself either).
const TEST_PATH =
  /(^|\/)(tests?|__tests__|spec|e2e|testdata|[\w.-]*fixtures?|__fixtures__)\/|\.(spec|test)\.[cm]?[jt]sx?$|(^|\/)test_[^/]*\.py$|_test\.py$|(^|\/)conftest\.py$/;

export function isTestFile(path: string, text: string): boolean {
  // Vitest in-source tests live in ordinary modules.
  return TEST_PATH.test(path) || text.includes("import.meta.vitest");
}
