import { SvelteKitAuth } from '@auth/sveltekit';
import { appContext } from '../context';

/** Auth.js, configured lazily from the composed process so it shares the one database handle. */
export const auth = SvelteKitAuth(async () => appContext().authConfig);
