/** @jest-environment node */
import { checkVllmUrl } from './vllmUrl';

describe('checkVllmUrl', () => {
  it('accepts http and https, normalised to the server root', () => {
    expect(checkVllmUrl('http://spark-host:8000/v1/')).toEqual({ ok: true, url: 'http://spark-host:8000' });
    expect(checkVllmUrl('https://vllm.example.net/prefix')).toEqual({
      ok: true,
      url: 'https://vllm.example.net/prefix',
    });
  });

  it.each([
    'file:///etc/passwd',
    'ftp://spark-host/',
    'javascript:alert(1)',
    'data:text/plain,x',
    'unix:/run/vllm.sock',
  ])('refuses %s', (raw) => {
    const r = checkVllmUrl(raw);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/http:\/\/ or https:\/\//);
  });

  it('refuses credentials in the URL without echoing them', () => {
    const r = checkVllmUrl('http://ops:hunter2@spark-host:8000');
    expect(r).toEqual({
      ok: false,
      message:
        '--vllm http://spark-host:8000 must not carry a user or password in the URL: put the API key in VLLM_API_KEY',
    });
    const bad = checkVllmUrl('not a url ops:hunter2@x');
    expect(!bad.ok && bad.message).not.toContain('hunter2');
  });
});
