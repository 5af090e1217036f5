// STUB owned by the version work: nearest manifests and lock files.
import type { FileSystem } from "../fileSystem";
import type { PackageVersions } from "../model";

export function detectVersions(_fs: FileSystem, _filePath: string): PackageVersions {
  return {};
}
