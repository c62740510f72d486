/**
 * A fixed number of samples per wall-clock second ("fixed_target", "ReservoirSize", a quota).
 * The count resets when the epoch second changes, as in the X-Ray SDKs.
 */
export class PerSecondReservoir {
  #second = -1;
  #taken = 0;

  /** `perSecond` may be changed later (a new quota) with {@link setCapacity}. */
  constructor(private perSecond: number) {}

  setCapacity(perSecond: number): void {
    this.perSecond = perSecond;
  }

  /** Takes one sample if any is left in the second containing `nowMs`. */
  take(nowMs: number): boolean {
    const second = Math.floor(nowMs / 1000);
    if (second !== this.#second) {
      this.#second = second;
      this.#taken = 0;
    }
    if (this.#taken >= this.perSecond) return false;
    this.#taken++;
    return true;
  }
}
