// What request logs may hold.

/** Logged requests never carry the secrets some links hold (e-mail proofs, invitations). */
export function logRequest(req: { method: string; url: string; ip?: string }) {
  const url = req.url.replace(/([?&]token=)[^&]*/g, '$1…').replace(/^\/invitations\/[^/?]+/, '/invitations/…');
  return { method: req.method, url, ip: req.ip };
}
