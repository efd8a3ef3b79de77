/** Tag every customer-visible incident annotation carries, besides the tenant id. */
export const INCIDENT_TAG = 'customer-visible';
