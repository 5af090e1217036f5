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
  /**
   * The text prefilter's verdict on this text of `path` when the cache knows it (it depends on the text alone):
   * false for a file found to hold nothing worth parsing, true for one whose model was kept. Most files of a
   * workspace hold nothing: a cache that keeps the verdict spares an unchanged file the prefilter, the largest cost
   * per file of a cached scan. Optional.
   */
  screened?(path: string, text: string): boolean | undefined;
  setInert?(path: string, text: string): void;
}
