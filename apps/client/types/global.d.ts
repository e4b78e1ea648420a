/// <reference types="@tarojs/taro" />

declare module '*.css';
declare module '*.png';
declare module '*.jpg';
declare module '*.svg';

declare namespace NodeJS {
  interface ProcessEnv {
    /** Replaced at build time with the build's target. */
    TARO_ENV: 'weapp' | 'h5' | 'rn';
    /** Origin of the API server, e.g. https://photos.example.com; replaced at build time. Empty on H5 = same origin. */
    TARO_APP_API_URL?: string;
  }
}
