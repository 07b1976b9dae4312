import { describe, expect, it } from 'vitest';
import { contactLink, readScanned } from './contact-link';

const origin = 'https://chat.example.org';

describe('contact links', () => {
  it('round-trips a handle through the link', () => {
    const link = contactLink(origin, 'alice_01');
    expect(link).toBe('https://chat.example.org/u/alice_01');
    expect(readScanned(link, origin)).toEqual({ kind: 'contact', handle: 'alice_01' });
  });

  it('reads the tessera: scheme as a contact', () => {
    expect(readScanned('tessera:user/bob-22', origin)).toEqual({ kind: 'contact', handle: 'bob-22' });
  });

  it('treats another server\'s profile link as a plain web address', () => {
    expect(readScanned('https://elsewhere.example/u/alice_01', origin)).toEqual({ kind: 'url', url: 'https://elsewhere.example/u/alice_01' });
  });

  it('keeps other content as text', () => {
    expect(readScanned('hello there', origin)).toEqual({ kind: 'text', text: 'hello there' });
    expect(readScanned('javascript:alert(1)', origin)).toEqual({ kind: 'text', text: 'javascript:alert(1)' });
  });
});
