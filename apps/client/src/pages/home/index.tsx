/**
 * Home for now: proves the whole chain (platform fetch -> tRPC link -> API) by showing the server's health
 * and a round trip through health.echo.
 */
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type Echo, type Health, zEchoInput } from '@xiaojia/shared';
import { useEffect, useState } from 'react';
import { useApi } from '../../api/context';
import './index.css';
import { ActionButton } from '../../components/ActionButton';
import { BackButton } from '../../components/BackButton';
import { usePageChrome } from '../../components/Screen/chrome';
import { useT } from '../../i18n';
import { ROUTES } from '../../routes';

type Remote<T> =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'done'; value: T }
  | { state: 'failed'; message: string };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export default function HomePage() {
  const t = useT();
  usePageChrome(t('app.name'));
  const api = useApi();
  const [health, setHealth] = useState<Remote<Health>>({ state: 'loading' });
  const [text, setText] = useState('你好，小家');
  const [echo, setEcho] = useState<Remote<Echo>>({ state: 'idle' });

  useEffect(() => {
    let current = true;
    api.health.check
      .query()
      .then((value) => current && setHealth({ state: 'done', value }))
      .catch((error: unknown) => current && setHealth({ state: 'failed', message: messageOf(error) }));
    return () => {
      current = false;
    };
  }, [api]);

  async function sendEcho() {
    const input = zEchoInput.safeParse({ text });
    if (!input.success) {
      setEcho({ state: 'failed', message: '请输入 1 到 200 个字' });
      return;
    }
    setEcho({ state: 'loading' });
    try {
      setEcho({ state: 'done', value: await api.health.echo.mutate(input.data) });
    } catch (error) {
      setEcho({ state: 'failed', message: messageOf(error) });
    }
  }

  return (
    <View className="home">
      <BackButton fallbackTab={ROUTES.account} />
      <View className="home__line">
        <Text className="home__title">小家</Text>
      </View>

      <View className="home__card">
        <View className="home__line">
          <Text className="home__label">服务器</Text>
        </View>
        <View className="home__line">
          <Text id="health-status" className="home__value">
            {health.state === 'done'
              ? `在线 · ${health.value.name} ${health.value.version}`
              : health.state === 'failed'
                ? `连接失败：${health.message}`
                : '正在连接…'}
          </Text>
        </View>
        {health.state === 'done' && (
          <View className="home__line">
            <Text id="health-time" className="home__hint">
              服务器时间 {health.value.time}
            </Text>
          </View>
        )}
      </View>

      <View id="home-children" className="home__card" onClick={() => void Taro.navigateTo({ url: ROUTES.children })}>
        <View className="home__line">
          <Text className="home__label">{`${t('children.link')} ›`}</Text>
        </View>
      </View>

      <View className="home__card">
        <View className="home__line">
          <Text className="home__label">回声测试</Text>
        </View>
        <Input
          id="echo-input"
          className="home__input"
          value={text}
          maxlength={200}
          onInput={(event) => setText(event.detail.value)}
        />
        <ActionButton id="echo-send" className="home__button" busy={echo.state === 'loading'} onClick={sendEcho}>
          发送
        </ActionButton>
        {echo.state !== 'idle' && echo.state !== 'loading' && (
          <View className="home__line">
            <Text id="echo-result" className="home__value">
              {echo.state === 'done' ? `服务器回答：${echo.value.text}` : `发送失败：${echo.message}`}
            </Text>
          </View>
        )}
      </View>
    </View>
  );
}
