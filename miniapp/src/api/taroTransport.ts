import Taro from '@tarojs/taro';
import type { Transport } from './client';

/** `Taro.request` as a Transport: resolves for every HTTP status, rejects only on network failure. */
export const taroTransport: Transport = async (request) => {
  const response = await Taro.request({
    url: request.url,
    method: request.method,
    header: request.headers,
    data: request.body,
    dataType: 'json',
    timeout: 15000,
  });
  return { status: response.statusCode, body: response.data as unknown };
};
