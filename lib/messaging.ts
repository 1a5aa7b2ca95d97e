/** The typed messenger over the protocol in utils/protocol.ts. */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ProtocolMap } from '@/utils/protocol';

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
