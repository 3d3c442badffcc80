// Only the resilience preset, run standalone.
import { resilience } from '@novacron/resilience';

resilience()
  .execute(async () => 'ok')
  .then((value) => console.log(value));
