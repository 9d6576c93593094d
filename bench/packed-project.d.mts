// Types of packed-project.mjs for the tests that use it (test/packed-install.test.ts).
export declare const ROOT: string;
export declare function installedVersion(name: string): string;
export declare function packPackages(dirs: readonly string[], destination: string): Record<string, string>;
export declare function freshProject(options: {
  packages: readonly string[];
  dependencies?: Record<string, string>;
  name?: string;
}): string;
export declare function removeProject(dir: string): void;
