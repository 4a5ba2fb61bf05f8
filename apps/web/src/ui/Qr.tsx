import { useEffect, useState } from 'preact/hooks';

/** The dark modules of a QR code as an SVG path (one 1×1 square each), with its size in modules. */
interface QrMatrix {
  size: number;
  path: string;
}

/**
 * Encodes `text` on this device; the encoder (qrcode-generator) is loaded on first use so the
 * start of the app does not pay for it. Error correction M; byte mode (bech32 strings are ASCII).
 */
async function encode(text: string): Promise<QrMatrix> {
  const { default: qrcode } = await import('qrcode-generator');
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const size = qr.getModuleCount();
  let path = '';
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) if (qr.isDark(r, c)) path += `M${c} ${r}h1v1h-1z`;
  return { size, path };
}

/** A QR code of `text`, drawn as SVG with a four-module quiet zone; nothing is fetched. */
export function Qr(props: { text: string; label: string; testId?: string }) {
  const [m, setM] = useState<QrMatrix | null>(null);
  useEffect(() => {
    let live = true;
    setM(null);
    if (props.text) void encode(props.text).then((v) => live && setM(v));
    return () => {
      live = false;
    };
  }, [props.text]);
  if (!m) return null;
  const q = 4;
  return (
    <svg
      class="qr"
      role="img"
      aria-label={props.label}
      data-testid={props.testId}
      viewBox={`${-q} ${-q} ${m.size + 2 * q} ${m.size + 2 * q}`}
      shape-rendering="crispEdges"
    >
      <rect x={-q} y={-q} width={m.size + 2 * q} height={m.size + 2 * q} fill="#fff" />
      <path d={m.path} fill="#000" />
    </svg>
  );
}
