// React Native entry (Metro): Taro's RN runtime mounts src/app.tsx.
import '@tarojs/rn-supporter/entry-file.js';
