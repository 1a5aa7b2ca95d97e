import { describe, expect, it } from 'vitest';
import { parseCaptureArgs, urlsFromText } from './capture-args';

describe('protokol capture arguments', () => {
  it('reads URLs from lines and spreadsheet rows, skipping headers and comments', () => {
    expect(
      urlsFromText(
        'url,note\nhttps://a.test/1,seen\n# comment\n\n"https://b.test/2";x\nexample.org/typo\n',
      ),
    ).toEqual(['https://a.test/1', 'https://b.test/2', 'example.org/typo']);
  });
  it('keeps --browser-arg values verbatim, also ones that start with --', () => {
    const a = parseCaptureArgs([
      '--out',
      'p.zip',
      '--browser-arg',
      '--host-resolver-rules=MAP * 127.0.0.1',
      '--browser-arg=--lang=ru',
      'https://x.test/',
    ]);
    expect(a).toMatchObject({
      out: 'p.zip',
      urls: ['https://x.test/'],
      browserArgs: ['--host-resolver-rules=MAP * 127.0.0.1', '--lang=ru'],
    });
  });
  it('takes --passphrase-file, also as --passphrase-file=FILE', () => {
    expect(
      parseCaptureArgs(['--passphrase-file', 'p.txt', '--out', 'p.zip', 'https://x.test/']),
    ).toMatchObject({
      passphraseFile: 'p.txt',
    });
    expect(
      parseCaptureArgs(['--passphrase-file=p.txt', '--out', 'p.zip', 'https://x.test/']),
    ).toMatchObject({
      passphraseFile: 'p.txt',
    });
    expect(parseCaptureArgs(['--out', 'p.zip', 'https://x.test/'])).not.toHaveProperty(
      'passphraseFile',
    );
    expect(parseCaptureArgs(['--out', 'p.zip', '--passphrase-file'])).toEqual({
      error: '--passphrase-file needs a value',
    });
  });
  it('reports bad usage', () => {
    expect(parseCaptureArgs(['https://x.test/'])).toEqual({
      error: 'give --out PACK, the pack to write',
    });
    expect(parseCaptureArgs(['--out', 'p.zip'])).toEqual({
      error: 'give at least one URL (or --urls FILE)',
    });
    expect(parseCaptureArgs(['--out', 'p.zip', '--bogus', 'x'])).toEqual({
      error: 'unknown option --bogus',
    });
    expect(parseCaptureArgs(['--out'])).toEqual({ error: '--out needs a value' });
  });
  it('saves videos with each page by default; --media and --record-seconds change that', () => {
    expect(parseCaptureArgs(['--out', 'p.zip', 'https://x.test/'])).toMatchObject({
      media: 'video',
      recordFor: 10,
    });
    expect(
      parseCaptureArgs([
        '--out',
        'p.zip',
        '--media',
        'all',
        '--record-seconds=end',
        'https://x.test/',
      ]),
    ).toMatchObject({ media: 'all', recordFor: 'end' });
    expect(parseCaptureArgs(['--out', 'p.zip', '--media=none', 'https://x.test/'])).toMatchObject({
      media: 'none',
    });
    expect(parseCaptureArgs(['--out', 'p.zip', '--media', 'videos', 'https://x.test/'])).toEqual({
      error: '--media takes video, all or none (not "videos")',
    });
    expect(
      parseCaptureArgs(['--out', 'p.zip', '--record-seconds', '0', 'https://x.test/']),
    ).toEqual({
      error: '--record-seconds takes a whole number of seconds from 1 to 3600, or end (not "0")',
    });
  });
});
