/** WeChat's bytes HTTP for multipart uploads: Taro.request (byte-http.ts). */
import Taro from '@tarojs/taro';
import { type ByteHttp, taroByteHttp } from './byte-http';

export function platformByteHttp(): ByteHttp {
  return taroByteHttp((option) => Taro.request(option));
}
