// The REST API's client: JSON in and out; an error answer (libvirt's code, domain and message) is thrown as an
// ApiError and shown in the page's alert area by the caller.

export class ApiError extends Error {
  constructor(status, body) {
    const e = body && body.error ? body.error : { message: `HTTP ${status}` };
    super(e.message);
    this.status = status;
    this.code = e.codeName;
  }
}

export async function api(method, path, body, type) {
  const opts = { method, headers: {} };
  if (body !== undefined) {
    if (type === 'xml') {
      opts.headers['Content-Type'] = 'application/xml';
      opts.body = body;
    } else {
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body);
    }
  }
  const r = await fetch('/api/v1' + path, opts);
  const text = await r.text();
  const isJson = (r.headers.get('content-type') || '').startsWith('application/json');
  const data = isJson && text ? JSON.parse(text) : text;
  if (!r.ok) {
    throw new ApiError(r.status, isJson ? data : null);
  }
  return data;
}

export const get = (p) => api('GET', p);
export const post = (p, body, type) => api('POST', p, body, type);
export const del = (p) => api('DELETE', p);

/** Waits for an operation (202) to end; resolves with its final view. */
export async function follow(op) {
  let v = op;
  while (v.status === 'RUNNING') {
    v = await get(`/operations/${v.id}/wait?timeout=10`);
  }
  if (v.status !== 'SUCCESS') {
    throw new Error(v.error ? v.error.message : v.status);
  }
  return v;
}
