import { useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';

/** A box to black out, in the image's own pixels. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * A page image on which the member drags boxes over faces, names or numbers. The boxes are only
 * drawn over the picture here; `redactedImage` paints them into the pixels of a new image.
 */
export function RedactableImage(props: { src: string; alt: string; boxes: Box[]; onBoxes: (b: Box[]) => void }) {
  const img = useRef<HTMLImageElement>(null);
  const [start, setStart] = useState<{ x: number; y: number } | null>(null);
  const toImage = (e: MouseEvent) => {
    const el = img.current!;
    const r = el.getBoundingClientRect();
    const sx = el.naturalWidth / r.width;
    const sy = el.naturalHeight / r.height;
    return { x: Math.round((e.clientX - r.left) * sx), y: Math.round((e.clientY - r.top) * sy) };
  };
  const scale = () => {
    const el = img.current;
    return el?.naturalWidth ? el.getBoundingClientRect().width / el.naturalWidth : 1;
  };
  return (
    <div class="redactable" style={{ position: 'relative', display: 'inline-block' }}>
      <img
        ref={img}
        src={props.src}
        alt={props.alt}
        draggable={false}
        style={{ maxInlineSize: '100%', cursor: 'crosshair' }}
        onMouseDown={(e) => setStart(toImage(e))}
        onMouseUp={(e) => {
          if (!start) return;
          const end = toImage(e);
          setStart(null);
          const box = {
            x: Math.min(start.x, end.x),
            y: Math.min(start.y, end.y),
            w: Math.abs(end.x - start.x),
            h: Math.abs(end.y - start.y),
          };
          if (box.w > 2 && box.h > 2) props.onBoxes([...props.boxes, box]);
        }}
      />
      {props.boxes.map((b) => (
        <div
          key={`${b.x},${b.y},${b.w},${b.h}`}
          data-testid="redaction-box"
          title={t('intakeRedactedArea')}
          style={{
            position: 'absolute',
            background: '#000',
            left: `${b.x * scale()}px`,
            top: `${b.y * scale()}px`,
            width: `${b.w * scale()}px`,
            height: `${b.h * scale()}px`,
          }}
        />
      ))}
    </div>
  );
}

/** A new PNG of the image with every box painted solid black into its pixels (not an overlay, not a blur). */
export async function redactedImage(src: string, boxes: readonly Box[]): Promise<Blob> {
  // Through an <img>, not fetch(): the page's CSP lets images, not connections, read blob: URLs.
  const bitmap = new Image();
  bitmap.src = src;
  await bitmap.decode();
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.naturalWidth;
  canvas.height = bitmap.naturalHeight;
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  ctx.fillStyle = '#000';
  for (const b of boxes) ctx.fillRect(b.x, b.y, b.w, b.h);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas'))), 'image/png'),
  );
}

/** Replaces the selected text of a textarea with blocks, so a name or number never leaves the device. */
export function redactSelection(area: HTMLTextAreaElement): string {
  const { selectionStart: a, selectionEnd: b, value } = area;
  return b > a ? value.slice(0, a) + '█'.repeat(Math.min(b - a, 8)) + value.slice(b) : value;
}
