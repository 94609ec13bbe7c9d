/** Build-time module (vite.config.ts, cockpitGlyphs): every CJK character the bundled catalogue, pages and UI strings can show. */
declare module 'virtual:cockpit-glyphs' {
  const chars: string;
  export default chars;
}
