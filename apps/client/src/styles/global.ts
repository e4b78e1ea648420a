// The app's global stylesheet on H5 and WeChat: the colour variables and the page root (theme.css).
// app.tsx imports it through this module, not directly: Taro's RN build copies every stylesheet app.tsx
// imports into each component and merges them when the module loads, which would freeze the colour scheme
// (src/styles/color-scheme.ts). React Native has no global stylesheet: global.rn.ts.
import './theme.css';
