/** Private messages (services/community/messages.ts). */
import {
  zAuthOk,
  zConversationPage,
  zConversationRef,
  zConversationsInput,
  zConversationWith,
  zMessage,
  zMessageListInput,
  zMessagePage,
  zMessagePoll,
  zMessagePollInput,
  zMessageSendInput,
  zUserRef,
} from '@xiaojia/shared';
import { MessagesService } from '../../services/community/messages.js';
import type { AppDeps } from '../../trpc/context.js';
import { authedProcedure, router } from '../../trpc/init.js';

const service = (deps: AppDeps) => new MessagesService(deps);

export const messagesRouter = router({
  send: authedProcedure
    .input(zMessageSendInput)
    .output(zMessage)
    .mutation(({ ctx, input }) => service(ctx.deps).send(ctx.user.id, input)),
  request: authedProcedure
    .input(zMessageSendInput)
    .output(zMessage)
    .mutation(({ ctx, input }) => service(ctx.deps).request(ctx.user.id, input)),
  accept: authedProcedure
    .input(zConversationRef)
    .output(zAuthOk)
    .mutation(({ ctx, input }) => service(ctx.deps).accept(ctx.user.id, input.conversationId)),
  decline: authedProcedure
    .input(zConversationRef)
    .output(zAuthOk)
    .mutation(({ ctx, input }) => service(ctx.deps).decline(ctx.user.id, input.conversationId)),
  conversations: authedProcedure
    .input(zConversationsInput)
    .output(zConversationPage)
    .query(({ ctx, input }) => service(ctx.deps).conversationsPage(ctx.user.id, input)),
  /** The conversation with one user, or null (a profile's 私信 button opens it); NOT_FOUND across a block. */
  with: authedProcedure
    .input(zUserRef)
    .output(zConversationWith)
    .query(({ ctx, input }) => service(ctx.deps).with(ctx.user.id, input.userId)),
  list: authedProcedure
    .input(zMessageListInput)
    .output(zMessagePage)
    .query(({ ctx, input }) => service(ctx.deps).list(ctx.user.id, input)),
  markRead: authedProcedure
    .input(zConversationRef)
    .output(zAuthOk)
    .mutation(({ ctx, input }) => service(ctx.deps).markRead(ctx.user.id, input.conversationId)),
  poll: authedProcedure
    .input(zMessagePollInput)
    .output(zMessagePoll)
    .query(({ ctx, input }) => service(ctx.deps).poll(ctx.user.id, input.cursor)),
});
