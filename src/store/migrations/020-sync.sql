-- Usage rows may name a company by domain, and full syncs sweep what a run did not see.
CREATE INDEX crm_objects_company_domain ON crm_objects (portal_id, lower(properties->>'domain')) WHERE object_type = 'companies';
CREATE INDEX crm_objects_synced ON crm_objects (portal_id, synced_at);
