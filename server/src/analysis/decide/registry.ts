// The retry constructs a file's analysis registers (model.ts RetryConstruct), kept the same way for both languages:
// each registration goes to the statement being judged (`sink`, which incremental/results.ts assembles), keyed by the
// node it is anchored on. The frontend says only where a node is in the file.
import type { RetryConstruct, RetryKind, Span } from "../model";
import type { RetryTraits } from "./facts";

export interface Registration<N> {
  anchor: N;
  construct: RetryConstruct;
}

export class RetryRegistry<N> {
  /**
   * Where each registration goes (the statement being judged collects them): the model keeps the first
   * registration per anchor, relevant when any registration is.
   */
  sink: Registration<N>[] = [];

  constructor(
    /** Where diagnostics about a retry anchored on the node go (a loop's header, a helper's name). */
    private readonly anchorSpan: (anchor: N) => Span,
    private readonly spanOf: (node: N) => Span,
  ) {}

  register(kind: RetryKind, anchor: N, traits: RetryTraits<N>, relevant = true, name?: string): void {
    const { waitNode, limitNode, whyNot: _whyNot, ...decided } = traits;
    this.sink.push({
      anchor,
      construct: {
        kind,
        span: this.anchorSpan(anchor),
        waitSpan: waitNode ? this.spanOf(waitNode) : undefined,
        limitSpan: limitNode ? this.spanOf(limitNode) : undefined,
        relevant,
        name,
        ...decided,
      },
    });
  }
}
