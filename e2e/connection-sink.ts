/**
 * A listener that every host name but the test server's resolves to (through
 * --host-resolver-rules), recording which host each connection wanted — the Host header of a
 * plain HTTP request or the SNI name of a TLS ClientHello — and then dropping it, as an
 * unreachable server would. It sees connections from every part of the browser, including
 * contexts no CDP session watches, and also the browser's own background traffic.
 */
import { createServer, type Server, type Socket } from 'node:net';

export interface ConnectionSink {
  /** `host:port` as the browser should map every other host to. */
  address: string;
  /** One entry per connection: the host it asked for, or `?` plus the first bytes. */
  hosts: string[];
  close(): Promise<void>;
}

/** The SNI host name of a complete TLS ClientHello record, undefined if there is none. */
export function sniOf(b: Buffer): string | undefined {
  // record(5) handshake(4) version(2) random(32)
  let o = 5 + 4 + 2 + 32;
  o += 1 + b[o]!; // session id
  o += 2 + b.readUInt16BE(o); // cipher suites
  o += 1 + b[o]!; // compression methods
  const end = o + 2 + b.readUInt16BE(o);
  o += 2;
  while (o + 4 <= end) {
    const type = b.readUInt16BE(o);
    const len = b.readUInt16BE(o + 2);
    if (type === 0) return b.subarray(o + 9, o + 9 + b.readUInt16BE(o + 7)).toString('latin1');
    o += 4 + len;
  }
  return undefined;
}

/** The host asked for; undefined if none can be read; null while more bytes are needed. */
function hostOf(b: Buffer): string | undefined | null {
  if (b[0] === 0x16) {
    if (b.length < 5) return null;
    const need = 5 + b.readUInt16BE(3);
    return b.length < need ? null : sniOf(b.subarray(0, need));
  }
  const head = b.toString('latin1');
  if (!head.includes('\r\n\r\n')) return null;
  return /\r\nhost:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim();
}

export async function startConnectionSink(ip = '127.0.0.2'): Promise<ConnectionSink> {
  const hosts: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    let buf = Buffer.alloc(0);
    socket.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      let h: string | undefined | null;
      try {
        h = hostOf(buf);
      } catch {
        h = undefined;
      }
      if (h === null && buf.length < 64 * 1024) return;
      hosts.push(
        h
          ? h
          : `? ${buf
              .subarray(0, 80)
              .toString('latin1')
              .replace(/[^\x20-\x7e]+/g, ' ')}`,
      );
      socket.destroy();
    });
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((r) => server.listen(0, ip, r));
  const port = (server.address() as { port: number }).port;
  return {
    address: `${ip}:${port}`,
    hosts,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
