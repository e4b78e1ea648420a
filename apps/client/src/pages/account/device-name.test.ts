import { describe, expect, it } from 'vitest';
import { deviceName } from './device-name';

const UA = {
  chromeAndroid:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  chromeIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
  safariIpad:
    'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  edgeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70',
  firefoxWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  headlessLinux:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
  samsung:
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
  wechatAndroid:
    'Mozilla/5.0 (Linux; Android 13; V2055A) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN',
  wechatIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800323d) NetType/WIFI Language/zh_CN',
  harmony:
    'Mozilla/5.0 (Phone; OpenHarmony 4.2) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.0.0 Safari/537.36 ArkWeb/4.1.6.1 Mobile HuaweiBrowser/5.0.4.300',
  chromebook:
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
};

describe('device names', () => {
  it('names the common browsers and systems', () => {
    expect(deviceName(UA.chromeAndroid)).toBe('Chrome · Android');
    expect(deviceName(UA.safariIphone)).toBe('Safari · iOS');
    expect(deviceName(UA.chromeIphone)).toBe('Chrome · iOS');
    expect(deviceName(UA.safariIpad)).toBe('Safari · iPadOS');
    expect(deviceName(UA.safariMac)).toBe('Safari · macOS');
    expect(deviceName(UA.edgeWindows)).toBe('Edge · Windows');
    expect(deviceName(UA.firefoxWindows)).toBe('Firefox · Windows');
    expect(deviceName(UA.firefoxLinux)).toBe('Firefox · Linux');
    expect(deviceName(UA.headlessLinux)).toBe('Chrome · Linux');
    expect(deviceName(UA.samsung)).toBe('Samsung Internet · Android');
    expect(deviceName(UA.harmony)).toBe('Huawei Browser · HarmonyOS');
    expect(deviceName(UA.chromebook)).toBe('Chrome · ChromeOS');
  });

  it("calls WeChat's browser by the name it is given", () => {
    expect(deviceName(UA.wechatAndroid, '微信')).toBe('微信 · Android');
    expect(deviceName(UA.wechatIphone)).toBe('WeChat · iOS');
  });

  it("keeps the app's own labels and anything it does not know", () => {
    expect(deviceName('微信小程序')).toBe('微信小程序');
    expect(deviceName('iPhone 15 · Safari')).toBe('iPhone 15 · Safari');
    expect(deviceName('Unknown device')).toBe('Unknown device');
    expect(deviceName('curl/8.5.0')).toBe('curl/8.5.0');
    expect(deviceName('Mozilla/5.0 (compatible; SomeBot/1.0)')).toBe('Mozilla/5.0 (compatible; SomeBot/1.0)');
  });
});
