import { appContext } from '$lib/server/context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ emailByLog: appContext().settings.emailDelivery === 'log' });
