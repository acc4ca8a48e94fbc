/** Where the state sync server is and its token: `?url=…&token=…` in the page's address, else the dev server's `/creact-sync.json`. */
export interface Endpoint {
  url: string;
  token: string;
}

export function endpointFromAddress(): Endpoint | null {
  const params = new URLSearchParams(window.location.search);
  const url = params.get("url");
  const token = params.get("token");
  return url && token ? { url, token } : null;
}

export async function fetchEndpoint(): Promise<Endpoint> {
  const given = endpointFromAddress();
  if (given) {
    return given;
  }
  const response = await fetch("/creact-sync.json", { cache: "no-store" });
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.message ?? `the dev server answered ${response.status}`);
  }
  return { url: body.url, token: body.token };
}
