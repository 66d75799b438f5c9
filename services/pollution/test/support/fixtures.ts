import type { Actor } from '../../src/domain/common/actor.ts';
import type { Clock } from '../../src/domain/common/clock.ts';

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  private current: number;

  constructor(iso: string) {
    this.current = Date.parse(iso);
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves time forward by minutes. */
  advanceMinutes(minutes: number): void {
    this.current += minutes * 60_000;
  }

  /** Sets the time. */
  set(iso: string): void {
    this.current = Date.parse(iso);
  }
}

export const HENAN = '410000';
export const SHANDONG = '370000';
export const SHANXI = '140000';
export const SHAANXI = '610000';
export const ANHUI = '340000';
export const HUBEI = '420000';
export const JIANGSU = '320000';

/** A user of a province with the given roles. */
export function actor(province: string, roles: string[] = ['environment'], name = `${province}-${roles.join('+')}`): Actor {
  return { subject: `sub-${name}`, username: name, province, roles };
}

export const OBSERVER = actor('000000', ['observer'], 'mee-observer');

/** A signed-in caller as the use cases see one (an Actor plus its agency). */
export function caller(province: string, roles: string[] = ['environment'], name = `${province}-${roles.join('+')}`) {
  return { ...actor(province, roles, name), agency: `agency-${province}` };
}
