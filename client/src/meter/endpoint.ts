// Where the token may be sent. HF_ENDPOINT or the machine-scoped `hfRateGuard.endpoint` setting may point
// elsewhere (a mirror, a test mock), but only over HTTPS, or plain HTTP to this machine. A workspace can never
// redirect the token: the setting is machine-scoped, so workspace settings cannot set it.

export const DEFAULT_ENDPOINT = "https://huggingface.co";

export interface EndpointChoice {
  url: string;
  /** Why a configured endpoint was refused (then the default is used). */
  refused?: string;
}

function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

export function checkEndpoint(raw: string | undefined): EndpointChoice {
  if (!raw || !raw.trim()) return { url: DEFAULT_ENDPOINT };
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { url: DEFAULT_ENDPOINT, refused: `"${raw}" is not a URL` };
  }
  if (url.username || url.password) return { url: DEFAULT_ENDPOINT, refused: "endpoints with credentials in the URL are refused" };
  if (url.protocol === "https:") return { url: url.origin };
  if (url.protocol === "http:" && isLoopback(url.hostname)) return { url: url.origin };
  return { url: DEFAULT_ENDPOINT, refused: `${url.origin} is refused: the token is only sent over HTTPS, or HTTP to this machine` };
}

/** The endpoint the meter uses: the setting (machine scope) wins over HF_ENDPOINT. */
export function chooseEndpoint(setting: string | undefined, env: Record<string, string | undefined>): EndpointChoice {
  return checkEndpoint(setting?.trim() ? setting : env.HF_ENDPOINT);
}
