/**
 * A FIFO per owner, served round-robin: one owner with hundreds of queued items delays another
 * owner's next item by at most one item per other waiting owner, never by its whole backlog.
 */
export class FairQueue<T> {
  // Map order is the rotation: the owner served last goes to the back.
  readonly #byOwner = new Map<object, T[]>();
  #size = 0;

  /** Items waiting, in total or for one owner. */
  size(owner?: object): number {
    return owner === undefined ? this.#size : (this.#byOwner.get(owner)?.length ?? 0);
  }

  /** Queues `item` behind `owner`'s earlier items. */
  push(owner: object, item: T): void {
    const items = this.#byOwner.get(owner);
    if (items) items.push(item);
    else this.#byOwner.set(owner, [item]);
    this.#size++;
  }

  /** The oldest item of the owner whose turn it is. */
  shift(): T | undefined {
    for (const [owner, items] of this.#byOwner) {
      const item = items.shift()!;
      this.#byOwner.delete(owner);
      if (items.length > 0) this.#byOwner.set(owner, items);
      this.#size--;
      return item;
    }
    return undefined;
  }

  /** Takes `item` out of the queue; false when it was not waiting. */
  remove(owner: object, item: T): boolean {
    const items = this.#byOwner.get(owner);
    const at = items?.indexOf(item) ?? -1;
    if (at < 0) return false;
    items!.splice(at, 1);
    if (items!.length === 0) this.#byOwner.delete(owner);
    this.#size--;
    return true;
  }

  /** Empties the queue, returning what waited. */
  drain(): T[] {
    const all = [...this.#byOwner.values()].flat();
    this.#byOwner.clear();
    this.#size = 0;
    return all;
  }
}
