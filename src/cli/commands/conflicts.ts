import { notBuilt } from '../notBuilt.js';

export const { register } = notBuilt('conflicts');
