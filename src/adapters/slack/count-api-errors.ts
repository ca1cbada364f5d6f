/**
 * Wraps fetch so each failed Slack call is reported by Slack's own error code:
 * the Web API answers HTTP 200 with `{ ok: false, error: "channel_not_found" }`,
 * so the JSON is read from a clone; a non-2xx answer is `http_<status>`.
 * The caller's response is untouched.
 */
export function countSlackApiErrors(fetchFn: typeof fetch, onError: (code: string) => void): typeof fetch {
  return async (input, init) => {
    const res = await fetchFn(input, init);
    if (!res.ok) {
      onError(`http_${res.status}`);
    } else if ((res.headers.get('content-type') ?? '').includes('application/json')) {
      void res
        .clone()
        .json()
        .then(
          (body: unknown) => {
            const { ok, error } = (body ?? {}) as { ok?: unknown; error?: unknown };
            if (ok === false && typeof error === 'string') onError(error);
          },
          () => undefined,
        );
    }
    return res;
  };
}
