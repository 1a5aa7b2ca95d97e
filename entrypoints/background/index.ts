import { defineBackground } from '#imports';
import { startBackground } from './main';

export default defineBackground({ type: 'module', main: startBackground });
