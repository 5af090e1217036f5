// Just enough PNG decoding to compare two screenshots pixel by pixel (8-bit RGB or RGBA, not interlaced: what
// Chromium writes), so README's images are rewritten only when what they show changed, not for a blinking cursor.
import zlib from "node:zlib";

export interface Pixels {
  width: number;
  height: number;
  /** Bytes per pixel (3 or 4). */
  bpp: number;
  data: Buffer;
}

export function decodePng(png: Buffer): Pixels | undefined {
  if (png.length < 33 || png.readUInt32BE(0) !== 0x89504e47) return undefined;
  let offset = 8;
  let width = 0;
  let height = 0;
  let bpp = 0;
  const idat: Buffer[] = [];
  while (offset + 8 <= png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("latin1", offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, color, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
      if (depth !== 8 || interlace !== 0 || (color !== 2 && color !== 6)) return undefined;
      bpp = color === 6 ? 4 : 3;
    } else if (type === "IDAT") idat.push(body);
    else if (type === "IEND") break;
    offset += 12 + length;
  }
  if (!bpp) return undefined;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const data = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? data[y * stride + x - bpp] : 0;
      const b = y > 0 ? data[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? data[(y - 1) * stride + x - bpp] : 0;
      let v = line[x];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      data[y * stride + x] = v & 0xff;
    }
  }
  return { width, height, bpp, data };
}

/**
 * A channel must move by more than this to count: a hover still fading in, or antialiasing, shifts nearly every
 * pixel by a few levels (seen: 65% of a hover's pixels differed exactly, 0.1% by more than 32), while a real change
 * of the UI (text, layout, colours) moves pixels far more.
 */
const CHANNEL_TOLERANCE = 32;

/**
 * The share of pixels that differ visibly (1 when the sizes differ or either image cannot be read). A pixel counts
 * only when no pixel of the other image within one pixel of it looks the same: text drawn half a pixel further
 * (seen between two runs of the same hover: 4% of its pixels by more than 32 levels, all inside the text) is not a
 * change of the UI, while new text, layout or colours still differ everywhere they are drawn.
 */
export function pixelDifference(a: Buffer, b: Buffer): number {
  const pa = decodePng(a);
  const pb = decodePng(b);
  if (!pa || !pb || pa.width !== pb.width || pa.height !== pb.height) return 1;
  const { width, height } = pa;
  const close = (i: number, j: number): boolean => {
    for (let k = 0; k < 3; k++)
      if (Math.abs(pa.data[i * pa.bpp + k] - pb.data[j * pb.bpp + k]) > CHANNEL_TOLERANCE) return false;
    return true;
  };
  const matchesNear = (x: number, y: number): boolean => {
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        const nx = x + dx;
        const ny = y + dy;
        if (nx >= 0 && ny >= 0 && nx < width && ny < height && close(y * width + x, ny * width + nx)) return true;
      }
    return false;
  };
  let differing = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) if (!close(y * width + x, y * width + x) && !matchesNear(x, y)) differing++;
  return differing / (width * height);
}
