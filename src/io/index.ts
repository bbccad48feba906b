export type { ByteSource, ReadStats } from "./source.js";
export { checkRange } from "./source.js";
export { fromBytes } from "./bytes.js";
export { fromBlob, isBlobLike, type BlobLike } from "./blob.js";
export { withCache, type CacheOptions } from "./cache.js";
export { ByteView, readUvarint, toSafe, hex, addr, decodeUtf8 } from "./view.js";
