// What a scan thread does with a batch of files: run the frontend of each and hand back the models. Kept apart from
// the frontends themselves so that a thread that only gets Python files (pythonWorker.ts) never loads TypeScript.
import type { FileModel, FrontendInput, PackageVersions } from "../analysis/model";

/** One file for a scan thread: what the frontend needs, nothing more. */
export interface Job {
  path: string;
  language: "python" | "js";
  text: string;
  versions: PackageVersions;
}

export interface Reply {
  path: string;
  model?: FileModel;
}

export type Frontend = (input: FrontendInput) => FileModel;

/** The frontends over a batch; a file that throws gets no model (it is analysed again later, and reported then). */
export function analyseBatch(batch: Job[], frontends: { python: Frontend; js?: Frontend }): Reply[] {
  return batch.map((job) => {
    const input = { path: job.path, text: job.text, versions: job.versions, keep: false };
    const frontend = frontends[job.language];
    if (!frontend) return { path: job.path };
    try {
      return { path: job.path, model: frontend(input) };
    } catch {
      return { path: job.path };
    }
  });
}
