// Where the token may be sent: over HTTPS, or plain HTTP to this machine. The `hfRateGuard.endpoint` setting may
// name any such host (a mirror, a test mock): it is application-scoped, so only the user's own settings set it (a
// dev container's machine settings come from the repository, and could otherwise send the token to its own
// host). HF_ENDPOINT can come from a repository too (a dev container's environment), so from there only HF's own
// hosts and loopback are taken.

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
  if (url.username || url.password)
    return { url: DEFAULT_ENDPOINT, refused: "endpoints with credentials in the URL are refused" };
  if (url.protocol === "https:") return { url: url.origin };
  if (url.protocol === "http:" && isLoopback(url.hostname)) return { url: url.origin };
  return {
    url: DEFAULT_ENDPOINT,
    refused: `${url.origin} is refused: the token is only sent over HTTPS, or HTTP to this machine`,
  };
}

function isHfHost(host: string): boolean {
  return ["huggingface.co", "hf.co"].some((root) => host === root || host.endsWith(`.${root}`));
}

/** The endpoint the meter uses: the user's setting wins over HF_ENDPOINT, which may only name HF or loopback. */
export function chooseEndpoint(setting: string | undefined, env: Record<string, string | undefined>): EndpointChoice {
  if (setting?.trim()) return checkEndpoint(setting);
  const choice = checkEndpoint(env.HF_ENDPOINT);
  if (choice.refused || choice.url === DEFAULT_ENDPOINT) return choice;
  const host = new URL(choice.url).hostname;
  if (isHfHost(host) || isLoopback(host)) return choice;
  return {
    url: DEFAULT_ENDPOINT,
    refused: `HF_ENDPOINT ${choice.url} is refused: from the environment only Hugging Face's hosts and this machine are used; set hfRateGuard.endpoint in your user settings for another host`,
  };
}
