// An Authorization header that carries an HF token marks a request as going to HF even when its URL cannot be
// resolved (read from config, built by a caller): the token is only good for HF. The names HF's own tools read
// (HF_TOKEN, HUGGING_FACE_HUB_TOKEN; docs/hf-facts.md, "Tokens"), LangChain's HUGGINGFACEHUB_API_TOKEN, and any
// setting or variable named for an HF token or key (hf_token, hfToken, settings.HUGGINGFACE_API_KEY), or a
// literal `hf_...` token.
const NAMED =
  /(^|[^A-Za-z0-9])(hf|hugging_?face(_?hub)?)_?(api_?|access_?|auth_?|read_?|write_?)?(token|key)(?![A-Za-z0-9])/i;
const LITERAL = /\bBearer\s+hf_[A-Za-z0-9]/;

/** Whether the text of an Authorization value (and of the expressions its names stand for) names an HF token. */
export function namesHfToken(texts: string[]): boolean {
  return texts.some((t) => NAMED.test(t) || LITERAL.test(t));
}

/** A URL whose host is unknown here: nothing resolved, or only the path after an unresolved base. */
export function hostUnknown(url: string | undefined): boolean {
  return url === undefined || url.startsWith("{}");
}
