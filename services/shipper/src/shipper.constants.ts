export const SHIPPER_SERVICE = 'shipper';

/** Injection token of `ShipperConfig`. */
export const SHIPPER_CONFIG = Symbol('SHIPPER_CONFIG');
