/**
 * The name a signed-in device is shown under. Labels the app set itself ("微信小程序", "iPhone 15") are
 * shown as they are; a browser's user agent, which the server stores when the client named nothing, is
 * shortened to "Chrome · Android". Only the common browsers and systems: anything else keeps its label.
 */

/** First match wins: the more specific names come before the engines they are built on. */
const BROWSERS: readonly (readonly [RegExp, string])[] = [
  [/MicroMessenger\//i, 'WeChat'],
  [/EdgA?\/|EdgiOS\/|Edge\//, 'Edge'],
  [/OPR\/|OPiOS\/|Opera/, 'Opera'],
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/HuaweiBrowser\//, 'Huawei Browser'],
  [/MiuiBrowser\//, 'Mi Browser'],
  [/UCBrowser\//, 'UC Browser'],
  [/QQBrowser\//, 'QQ Browser'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
  [/Version\/[\d.]+.*Safari\/|Mobile\/\w+ Safari|^Mozilla\/5\.0 \((iPhone|iPad|Macintosh)/, 'Safari'],
];

const SYSTEMS: readonly (readonly [RegExp, string])[] = [
  [/HarmonyOS|OpenHarmony/i, 'HarmonyOS'],
  [/iPad/, 'iPadOS'],
  [/iPhone|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Windows/, 'Windows'],
  [/Macintosh|Mac OS X/, 'macOS'],
  [/Linux|X11/, 'Linux'],
];

function firstMatch(text: string, rules: readonly (readonly [RegExp, string])[]): string | undefined {
  return rules.find(([pattern]) => pattern.test(text))?.[1];
}

/** A browser's user agent ("Mozilla/5.0 (…) …"), as opposed to a label someone chose. */
export function isUserAgent(label: string): boolean {
  return /^Mozilla\/\d/.test(label);
}

/**
 * `label` as people would name the device: "Chrome · Android", "微信 · iOS" (with `wechat` the WeChat
 * name in the user's language), or the label itself when it is not a user agent or says nothing known.
 */
export function deviceName(label: string, wechat = 'WeChat'): string {
  if (!isUserAgent(label)) return label;
  const browser = firstMatch(label, BROWSERS);
  const system = firstMatch(label, SYSTEMS);
  const parts = [browser === 'WeChat' ? wechat : browser, system].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(' · ') : label;
}
