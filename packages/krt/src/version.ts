/**
 * This copy's version, as package.json says (a test keeps the two equal; the root
 * `version-packages` script rewrites this file after `changeset version`). A constant
 * rather than a read of package.json: krt does no I/O and runs wherever JS runs.
 */
export const KRT_VERSION = "0.1.0";
