// A store of frontend results across runs, so an unchanged file is not parsed again (ruff and eslint --cache do
// the same). A file's model depends only on its path, its analysed text and the package versions it sees, so
// those are the key; cross-file facts and config are applied afterwards, on every check, and are never cached.
// The core only asks and tells: where the cache lives and how it is keyed and stored is the caller's business.
import type { FileModel, PackageVersions } from "./model";

export interface ModelCacheKey {
  path: string;
  text: string;
  versions: PackageVersions;
}

export interface ModelCache {
  get(key: ModelCacheKey): FileModel | undefined;
  set(key: ModelCacheKey, model: FileModel): void;
}
